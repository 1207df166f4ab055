// The frame of every mail Treue sends to a shopper: the shop's logo and colour, a greeting, the
// message, one button, and a footer that says why it came and how to stop it.
import { Body } from "@react-email/body";
import { Button } from "@react-email/button";
import { Container } from "@react-email/container";
import { Head } from "@react-email/head";
import { Heading } from "@react-email/heading";
import { Hr } from "@react-email/hr";
import { Html } from "@react-email/html";
import { Img } from "@react-email/img";
import { Link } from "@react-email/link";
import { Preview } from "@react-email/preview";
import { Section } from "@react-email/section";
import { Text } from "@react-email/text";

export type BrandedMailProps = {
  locale: "de" | "en";
  shopName: string;
  /** An absolute https:// address (mail clients load nothing relative). */
  logoUrl?: string | undefined;
  /** #RRGGBB; the button's colour. White text on it must stay readable, so the default is dark. */
  brandColor: string;
  heading: string;
  greeting: string;
  paragraphs: string[];
  action: { label: string; url: string };
  /** A line under the button ("Wasn't you? Ignore this e-mail."). */
  note?: string | undefined;
  signature: string;
  /** The open-tracking image's address, when the shop switched it on. */
  openPixelUrl?: string | undefined;
  footer: {
    why: string;
    unsubscribe?: { label: string; url: string } | undefined;
    preferences?: { label: string; url: string } | undefined;
    imprint?: { label: string; url: string } | undefined;
    privacy?: { label: string; url: string } | undefined;
  };
};

const text = { fontSize: "16px", lineHeight: "24px", color: "#1c1917", margin: "0 0 16px" };
const small = { fontSize: "13px", lineHeight: "20px", color: "#57534e", margin: "0 0 8px" };

export function BrandedMail(p: BrandedMailProps) {
  const links = [p.footer.unsubscribe, p.footer.preferences, p.footer.imprint, p.footer.privacy].filter((l) => l !== undefined);
  return (
    <Html lang={p.locale}>
      <Head />
      <Preview>{p.paragraphs[0] ?? p.heading}</Preview>
      <Body style={{ backgroundColor: "#f5f5f4", fontFamily: "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif", margin: 0, padding: "24px 0" }}>
        <Container style={{ backgroundColor: "#ffffff", borderRadius: "16px", maxWidth: "560px", padding: "32px" }}>
          <Section style={{ marginBottom: "24px" }}>
            {p.logoUrl ? (
              <Img src={p.logoUrl} alt={p.shopName} height="40" style={{ height: "40px", width: "auto" }} />
            ) : (
              <Text style={{ ...text, fontWeight: 700, color: p.brandColor, margin: 0 }}>{p.shopName}</Text>
            )}
          </Section>
          <Heading as="h1" style={{ fontSize: "24px", lineHeight: "32px", color: "#1c1917", margin: "0 0 16px" }}>
            {p.heading}
          </Heading>
          <Text style={text}>{p.greeting}</Text>
          {p.paragraphs.map((paragraph, i) => (
            <Text key={i} style={text}>
              {paragraph}
            </Text>
          ))}
          <Section style={{ margin: "24px 0" }}>
            <Button href={p.action.url} style={{ backgroundColor: p.brandColor, borderRadius: "12px", color: "#ffffff", fontSize: "16px", fontWeight: 600, padding: "14px 22px", textDecoration: "none" }}>
              {p.action.label}
            </Button>
          </Section>
          {p.note && <Text style={small}>{p.note}</Text>}
          <Text style={text}>{p.signature}</Text>
          <Hr style={{ borderColor: "#e7e5e4", margin: "24px 0 16px" }} />
          <Text style={small}>{p.footer.why}</Text>
          {links.length > 0 && (
            <Text style={small}>
              {links.map((l, i) => (
                <span key={l.url}>
                  {i > 0 && " · "}
                  <Link href={l.url} style={{ color: "#44403c", textDecoration: "underline" }}>
                    {l.label}
                  </Link>
                </span>
              ))}
            </Text>
          )}
          {p.openPixelUrl && <Img src={p.openPixelUrl} alt="" width="1" height="1" style={{ display: "block", height: "1px", width: "1px" }} />}
        </Container>
      </Body>
    </Html>
  );
}
