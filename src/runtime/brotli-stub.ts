// Stands in for brotli's decompressor in the Worker bundle (wrangler.toml [alias]): fontkit imports it to read WOFF2
// fonts, and the PDF renderer embeds only the TrueType subsets in data/fonts.
export default function decompress(): never {
  throw new Error("brotli is not bundled in the Worker: the PDF renderer reads TrueType fonts only");
}
