// SVG → PNG with resvg (WebAssembly), the same code on Node and in workerd. The entry point hands over the
// wasm (a file read on Node, a bundled module on Workers); it is compiled once per process or isolate.
import type { initWasm } from "@resvg/resvg-wasm";

export interface RasterisedSvg {
  png: Uint8Array;
  widthPx: number;
  heightPx: number;
}

/** Renders a checked SVG (see svg-checks.ts) to a PNG `heightPx` high. */
export type SvgRasteriser = (svg: string, heightPx: number) => Promise<RasterisedSvg>;

type WasmInput = Parameters<typeof initWasm>[0];

// initWasm may run once per global scope; a second call throws, so every rasteriser shares this one.
let ready: Promise<void> | null = null;

export function resvgRasteriser(wasm: () => WasmInput): SvgRasteriser {
  return async (svg, heightPx) => {
    // Loaded on the first logo: most processes never rasterise one.
    const { initWasm, Resvg } = await import("@resvg/resvg-wasm");
    ready ??= initWasm(wasm()).catch((err: unknown) => {
      ready = null;
      throw err;
    });
    await ready;
    // No fonts are loaded: a lambang's text should be paths; <text> without a font is left out, not guessed.
    const r = new Resvg(svg, { fitTo: { mode: "height", value: heightPx }, font: { loadSystemFonts: false } });
    try {
      const image = r.render();
      const out = { png: image.asPng(), widthPx: image.width, heightPx: image.height };
      image.free();
      return out;
    } finally {
      r.free();
    }
  };
}
