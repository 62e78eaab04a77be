// The one big call to action; the URL is also printed below it for clients that hide buttons.
import { Button, Section, Text } from "@react-email/components";

const button = {
  backgroundColor: "#b91c1c",
  borderRadius: "6px",
  color: "#ffffff",
  display: "inline-block",
  fontSize: "16px",
  fontWeight: 700,
  padding: "14px 28px",
  textDecoration: "none",
};
const fallback = { color: "#6b7280", fontSize: "12px", lineHeight: "18px", wordBreak: "break-all" as const };

export function ActionButton({ href, label }: { href: string; label: string }) {
  return (
    <Section style={{ textAlign: "center", margin: "24px 0 8px" }}>
      <Button href={href} style={button}>
        {label}
      </Button>
      <Text style={fallback}>Jika tombol tidak berfungsi, buka tautan ini: {href}</Text>
    </Section>
  );
}
