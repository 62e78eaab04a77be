// email-bodies.ts on first use, once per process (a dynamic import: wrangler bundles it into the Worker too).
let loading: Promise<typeof import("./email-bodies.js")> | undefined;

export const lazyEmailBodies = () => {
  loading ??= import("./email-bodies.js");
  return loading;
};
