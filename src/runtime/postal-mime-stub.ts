// Stands in for postal-mime in the Worker bundle (wrangler.toml [alias]): the Resend SDK imports it only to parse
// inbound emails (its receiving API), which edaran never calls; esbuild would otherwise ship it.
export default {
  parse(): never {
    throw new Error("postal-mime is not bundled in the Worker: edaran does not read inbound email");
  },
};
