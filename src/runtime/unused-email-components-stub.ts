// Stands in for the React Email components edaran's templates never use (wrangler.toml [alias]): the
// @react-email/components barrel re-exports them with `export *`, and esbuild ships code-block (Prism), tailwind
// and markdown (marked) whole, about 1 MiB minified. The templates import only layout and text components.
export {};
