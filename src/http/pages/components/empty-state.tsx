/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";

/** What a list shows when it has nothing, with what to do next. */
export function EmptyState(props: { title: string; children?: Child }) {
  return (
    <div class="empty">
      <strong>{props.title}</strong>
      {props.children}
    </div>
  );
}
