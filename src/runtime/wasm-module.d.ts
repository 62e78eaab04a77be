// Wrangler (and the workers test pool) bundle an imported .wasm file as a compiled WebAssembly.Module.
declare module "*.wasm" {
  const module: WebAssembly.Module;
  export default module;
}
