// React (the email templates) picks its development or production build from NODE_ENV the moment it is first
// loaded, and `npm start` sets none: emails were rendered by the development build, its checks included.
// node.ts calls this before it imports the app (whose graph loads React); an operator's own NODE_ENV stands.
// The Worker gets the same from `[define]` in wrangler.toml.

export function defaultToProductionReact(env: NodeJS.ProcessEnv): void {
  env.NODE_ENV ??= "production";
}
