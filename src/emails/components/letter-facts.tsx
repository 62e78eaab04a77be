// The letter's identity as a small table: nomor, tentang, batas tanda terima (the pages' term).
import { Column, Row, Section, Text } from "@react-email/components";

export interface LetterFactsProps {
  nomor: string;
  tentang: string;
  /** Already formatted ("30 September 2024"); the row is left out when there is no deadline. */
  deadline: string | null;
}

const label = { color: "#6b7280", fontSize: "13px", margin: "2px 0", width: "150px", verticalAlign: "top" as const };
const value = { color: "#111827", fontSize: "14px", fontWeight: 700, margin: "2px 0" };

function Fact({ name, children }: { name: string; children: string }) {
  return (
    <Row>
      <Column style={label}>
        <Text style={{ margin: "2px 0" }}>{name}</Text>
      </Column>
      <Column>
        <Text style={value}>{children}</Text>
      </Column>
    </Row>
  );
}

export function LetterFacts({ nomor, tentang, deadline }: LetterFactsProps) {
  return (
    <Section
      style={{ backgroundColor: "#f9fafb", borderLeft: "4px solid #b91c1c", padding: "8px 16px", margin: "16px 0" }}
    >
      <Fact name="Nomor">{nomor}</Fact>
      <Fact name="Tentang">{tentang}</Fact>
      {deadline ? <Fact name="Batas tanda terima">{deadline}</Fact> : null}
    </Section>
  );
}
