// The frame of every edaran email: the Pemkot header, a white card, the footer.
import { Body, Container, Head, Html, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";
import { EmailFooter } from "./email-footer.js";

export interface EmailLayoutProps {
  pemkotName: string;
  /** The line mail clients show next to the subject. */
  preview: string;
  /** The email carries the OPD head's personal acknowledgement link (default true): the footer warns to keep it. */
  personalLink?: boolean;
  children: ReactNode;
}

const body = { backgroundColor: "#f3f4f6", fontFamily: "Arial, Helvetica, sans-serif", margin: 0, padding: "24px 0" };
const card = {
  backgroundColor: "#ffffff",
  border: "1px solid #e5e7eb",
  borderRadius: "6px",
  maxWidth: "600px",
  margin: "0 auto",
};
const header = { backgroundColor: "#7f1d1d", borderRadius: "6px 6px 0 0", padding: "20px 28px" };
const headerTitle = { color: "#ffffff", fontSize: "18px", fontWeight: 700, letterSpacing: "0.5px", margin: 0 };
const headerSub = { color: "#fde68a", fontSize: "12px", margin: "4px 0 0" };
const content = { padding: "24px 28px" };

export function EmailLayout({ pemkotName, preview, personalLink = true, children }: EmailLayoutProps) {
  return (
    <Html lang="id">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={body}>
        <Container style={card}>
          <Section style={header}>
            <Text style={headerTitle}>{pemkotName.toUpperCase()}</Text>
            <Text style={headerSub}>Surat Edaran Elektronik</Text>
          </Section>
          <Section style={content}>{children}</Section>
          <EmailFooter pemkotName={pemkotName} personalLink={personalLink} />
        </Container>
      </Body>
    </Html>
  );
}
