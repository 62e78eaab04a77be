/** @jsxImportSource hono/jsx */
// The rendered letter in a sandboxed frame: the same box the drafting form previews into.

/** sandbox="" without allow-scripts: the frame can never run code, whatever the letter's text contains. */
export function LetterPreview(props: { html: string; title?: string }) {
  return <iframe class="preview" title={props.title ?? "Isi surat"} sandbox="" srcdoc={props.html} />;
}
