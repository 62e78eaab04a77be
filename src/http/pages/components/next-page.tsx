/** @jsxImportSource hono/jsx */
// Keyset paging links: "Berikutnya" to the page after this one, and back to the first page once past it.
// (A cursor only runs forwards; "Sebelumnya" would need a second, reversed cursor.)
export interface NextPageProps {
  /** URL of the next page; null on the last page. */
  nextHref: string | null;
  /** URL of the first page; null when this is the first page. */
  firstHref: string | null;
}

export function NextPage(props: NextPageProps) {
  if (!props.nextHref && !props.firstHref) return null;
  return (
    <nav class="pager" aria-label="Halaman">
      {props.firstHref ? (
        <a class="btn btn-secondary" href={props.firstHref}>
          « Halaman pertama
        </a>
      ) : null}
      {props.nextHref ? (
        <a class="btn btn-secondary" href={props.nextHref} rel="next">
          Berikutnya ›
        </a>
      ) : null}
    </nav>
  );
}
