/** @jsxImportSource hono/jsx */
// Previous / next paging with "Halaman x dari y".
export interface PagerProps {
  /** 1-based. */
  page: number;
  pageCount: number;
  /** URL of a page, keeping the list's other filters. */
  href: (page: number) => string;
}

export function Pager(props: PagerProps) {
  if (props.pageCount <= 1) return null;
  return (
    <nav class="pager" aria-label="Halaman">
      {props.page > 1 ? (
        <a class="btn btn-secondary" href={props.href(props.page - 1)} rel="prev">
          ‹ Sebelumnya
        </a>
      ) : null}
      <span>
        Halaman {props.page} dari {props.pageCount}
      </span>
      {props.page < props.pageCount ? (
        <a class="btn btn-secondary" href={props.href(props.page + 1)} rel="next">
          Berikutnya ›
        </a>
      ) : null}
    </nav>
  );
}
