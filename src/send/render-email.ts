// One React Email element → the HTML and plain-text bodies (Resend sends only what it is given).
import { render, toPlainText } from "@react-email/render";
import type { ReactElement } from "react";

export interface RenderedEmail {
  html: string;
  text: string;
}

export async function renderEmail(element: ReactElement): Promise<RenderedEmail> {
  const html = await render(element);
  // render(el, { plainText: true }) is toPlainText over the same markup; converting the HTML we already
  // have gives the same text without rendering the tree a second time (a third of the send time).
  return { html, text: toPlainText(html) };
}
