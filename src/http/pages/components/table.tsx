/** @jsxImportSource hono/jsx */
// A table that scrolls sideways on a phone instead of breaking the page.
import type { Child } from "hono/jsx";

export interface TableColumn {
  label: string;
  numeric?: boolean;
}

export function DataTable(props: {
  columns: (string | TableColumn)[];
  caption?: string;
  children?: Child;
  footer?: Child;
  class?: string;
}) {
  return (
    <div class="table-wrap">
      <table class={props.class ? `data ${props.class}` : "data"}>
        {props.caption ? <caption class="print-only">{props.caption}</caption> : null}
        <thead>
          <tr>
            {props.columns.map((c) => {
              const col = typeof c === "string" ? { label: c } : c;
              return (
                <th scope="col" class={col.numeric ? "num" : undefined}>
                  {col.label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
        {props.footer ? <tfoot>{props.footer}</tfoot> : null}
      </table>
    </div>
  );
}
