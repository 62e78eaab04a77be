// Stands in for prettier in the Worker bundle (wrangler.toml [alias]): @react-email/render imports it lazily for
// `pretty: true`, which edaran never asks for, and esbuild would otherwise ship its 260 KB.
export function format(): never {
  throw new Error("prettier is not bundled in the Worker: render emails without pretty");
}
export default {};
