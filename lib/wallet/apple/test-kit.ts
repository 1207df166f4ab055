// Test support for Apple Wallet (used by the *.int.test.ts beside it, never by the app): a
// certificate chain made on the spot (a stand-in for Apple's WWDR intermediate and a Pass Type ID
// certificate it issued), an APNs key, a reader for the .pkpass's zip, a check of the detached
// PKCS #7 signature over manifest.json, and a local APNs (HTTP/2: h2c, or TLS that asks for the
// client certificate) that records every request.
import { createHash, createVerify, generateKeyPairSync, X509Certificate } from "node:crypto";
import http2 from "node:http2";
import type { AddressInfo } from "node:net";
import type { TLSSocket } from "node:tls";
import { inflateRawSync } from "node:zlib";
import forge from "node-forge";
import { importSPKI, jwtVerify, decodeProtectedHeader } from "jose";

export type TestChain = { wwdrPem: string; signerCertPem: string; signerKeyPem: string; apnsKeyPem: string; apnsPublicPem: string };

function certificate(subject: string, publicKeyPem: string, issuer: { name: string; keyPem: string }, serial: string, ca: boolean, extra: object[] = []): string {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKeyPem);
  cert.serialNumber = serial;
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 365 * 86_400_000);
  cert.setSubject([{ name: "commonName", value: subject }]);
  cert.setIssuer([{ name: "commonName", value: issuer.name }]);
  cert.setExtensions([{ name: "basicConstraints", cA: ca }, { name: "keyUsage", keyCertSign: ca, digitalSignature: true, keyEncipherment: !ca }, ...extra]);
  cert.sign(forge.pki.privateKeyFromPem(issuer.keyPem), forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

/** A WWDR stand-in (self-signed CA), a pass certificate it issued with its RSA key, and an EC P-256 APNs key. */
export function makeTestChain(passTypeId: string): TestChain {
  const rsa = () => generateKeyPairSync("rsa", { modulusLength: 2048, publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs1", format: "pem" } });
  const ca = rsa();
  const signer = rsa();
  const wwdrPem = certificate("Test Worldwide Developer Relations", ca.publicKey, { name: "Test Worldwide Developer Relations", keyPem: ca.privateKey }, "01", true);
  const signerCertPem = certificate(`Pass Type ID: ${passTypeId}`, signer.publicKey, { name: "Test Worldwide Developer Relations", keyPem: ca.privateKey }, "02", false);
  const apns = generateKeyPairSync("ec", { namedCurve: "P-256", publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs8", format: "pem" } });
  return { wwdrPem, signerCertPem, signerKeyPem: signer.privateKey, apnsKeyPem: apns.privateKey, apnsPublicPem: apns.publicKey };
}

export type TestServerIdentity = { caPem: string; certPem: string; keyPem: string };

/** A stand-in for the APNs server's TLS identity on loopback: a test CA and a certificate it issued for 127.0.0.1. */
export function makeTestServerIdentity(): TestServerIdentity {
  const rsa = () => generateKeyPairSync("rsa", { modulusLength: 2048, publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs1", format: "pem" } });
  const ca = rsa();
  const server = rsa();
  const issuer = { name: "Test APNs Root", keyPem: ca.privateKey };
  const caPem = certificate(issuer.name, ca.publicKey, issuer, "11", true);
  const certPem = certificate("127.0.0.1", server.publicKey, issuer, "12", false, [
    { name: "extKeyUsage", serverAuth: true },
    { name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }] },
  ]);
  return { caPem, certPem, keyPem: server.privateKey };
}

/** The files of a zip archive (stored or deflated entries), read through its central directory. */
export function readZip(zip: Buffer): Map<string, Buffer> {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error("not a zip: no end of central directory");
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error("broken central directory");
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    if (zip.readUInt32LE(local) !== 0x04034b50) throw new Error(`broken local header of ${name}`);
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(dataAt, dataAt + size);
    files.set(name, method === 8 ? inflateRawSync(raw) : Buffer.from(raw));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

const OID = { messageDigest: "1.2.840.113549.1.9.4", signingTime: "1.2.840.113549.1.9.5", contentType: "1.2.840.113549.1.9.3", sha1: "1.3.14.3.2.26", sha256: "2.16.840.1.101.3.4.2.1" };

export type SignatureCheck = { signedBy: string; chainedTo: string; digest: string; signingTime: boolean; detached: boolean };

/**
 * Verifies a detached PKCS #7 (CMS SignedData) signature over `content` by hand: the signer's
 * certificate is in it and was issued by `wwdrPem`; the signed attributes hold the content's
 * digest; the signature over those attributes verifies with the signer's public key. Throws if not.
 */
export function verifyDetachedSignature(signature: Buffer, content: Buffer, wwdrPem: string): SignatureCheck {
  const asn1 = forge.asn1;
  const contentInfo = asn1.fromDer(forge.util.createBuffer(signature.toString("binary")));
  const signedData = (contentInfo.value as forge.asn1.Asn1[])[1]!.value as forge.asn1.Asn1[];
  const parts = signedData[0]!.value as forge.asn1.Asn1[];
  const encap = parts[2]!.value as forge.asn1.Asn1[];
  const detached = encap.length === 1;
  const certificates = (parts.find((p) => p.tagClass === asn1.Class.CONTEXT_SPECIFIC && p.type === 0)!.value as forge.asn1.Asn1[]).map((c) => new X509Certificate(Buffer.from(asn1.toDer(c).getBytes(), "binary")));
  const signerInfos = parts[parts.length - 1]!.value as forge.asn1.Asn1[];
  if (signerInfos.length !== 1) throw new Error(`expected one signer, found ${signerInfos.length}`);
  const signer = signerInfos[0]!.value as forge.asn1.Asn1[];
  const serial = Buffer.from((signer[1]!.value as forge.asn1.Asn1[])[1]!.value as string, "binary").toString("hex").replace(/^0+/, "").toUpperCase();
  const digestOid = asn1.derToOid((signer[2]!.value as forge.asn1.Asn1[])[0]!.value as string);
  const attributesNode = signer[3]!;
  if (attributesNode.tagClass !== asn1.Class.CONTEXT_SPECIFIC || attributesNode.type !== 0) throw new Error("no signed attributes");
  const attributes = new Map<string, forge.asn1.Asn1>();
  for (const attribute of attributesNode.value as forge.asn1.Asn1[]) {
    const [oid, values] = attribute.value as forge.asn1.Asn1[];
    attributes.set(asn1.derToOid(oid!.value as string), (values!.value as forge.asn1.Asn1[])[0]!);
  }
  const algorithm = digestOid === OID.sha256 ? "sha256" : digestOid === OID.sha1 ? "sha1" : null;
  if (!algorithm) throw new Error(`unexpected digest algorithm ${digestOid}`);
  const signedDigest = Buffer.from(attributes.get(OID.messageDigest)?.value as string, "binary").toString("hex");
  const digest = createHash(algorithm).update(content).digest("hex");
  if (signedDigest !== digest) throw new Error("the signed digest is not the content's");
  const signerCert = certificates.find((c) => c.serialNumber.replace(/^0+/, "").toUpperCase() === serial);
  if (!signerCert) throw new Error("the signer's certificate is not in the signature");
  const wwdr = new X509Certificate(wwdrPem);
  if (!signerCert.checkIssued(wwdr) || !signerCert.verify(wwdr.publicKey)) throw new Error("the signer's certificate was not issued by the WWDR certificate");
  if (!certificates.some((c) => c.fingerprint256 === wwdr.fingerprint256)) throw new Error("the WWDR certificate is not in the signature");
  // The signature covers the attributes' DER with the SET tag (RFC 5652, 5.4), not the [0] it is stored under.
  const attributesDer = Buffer.from(asn1.toDer(attributesNode).getBytes(), "binary");
  attributesDer[0] = 0x31;
  const signatureValue = Buffer.from(signer[5]!.value as string, "binary");
  if (!createVerify(algorithm === "sha256" ? "RSA-SHA256" : "RSA-SHA1").update(attributesDer).verify(signerCert.publicKey, signatureValue)) throw new Error("the signature does not verify");
  return { signedBy: signerCert.subject, chainedTo: wwdr.subject, digest: algorithm, signingTime: attributes.has(OID.signingTime), detached };
}

export type ApnsRequest = {
  path: string;
  headers: http2.IncomingHttpHeaders;
  body: string;
  jwt: { kid?: string; iss?: unknown; iat?: unknown } | null;
  jwtError: string | null;
  /** The TLS client certificate the connection presented (and the server verified), if any. */
  clientCertificate: { commonName: string; fingerprint256: string } | null;
};

/** A TLS local APNs: its own identity, and the CA (PEM) whose client certificates it accepts (and demands). */
export type LocalApnsTls = { server: TestServerIdentity; trustedClientCaPem: string };

/**
 * A local APNs on loopback: HTTP/2 without TLS, or with `tls` HTTP/2 over TLS that demands a client
 * certificate issued by the trusted CA (a connection without one is refused in the handshake, as
 * APNs does for certificate-based connections). Every request is recorded; like APNs, a request
 * with an authorization header must carry a JWT signed by the test key (else 403
 * InvalidProviderToken), and one without must come over a connection with a client certificate
 * (else 403 MissingProviderToken). `answer` decides the other replies (default 200).
 */
export async function startLocalApns(
  apnsPublicPem: string,
  answer: (request: ApnsRequest) => { status: number; reason?: string } = () => ({ status: 200 }),
  delayMs = 0,
  tls?: LocalApnsTls,
) {
  const publicKey = await importSPKI(apnsPublicPem, "ES256");
  const requests: ApnsRequest[] = [];
  const server = tls
    ? http2.createSecureServer({ key: tls.server.keyPem, cert: tls.server.certPem, ca: tls.trustedClientCaPem, requestCert: true, rejectUnauthorized: true })
    : http2.createServer();
  server.on("stream", (stream, headers) => {
    const socket = stream.session?.socket as TLSSocket | undefined;
    const peer = tls && socket?.authorized ? socket.getPeerCertificate() : null;
    const clientCertificate = peer && peer.subject ? { commonName: String(peer.subject.CN), fingerprint256: peer.fingerprint256 } : null;
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", async () => {
      const authorization = headers.authorization;
      const bearer = /^bearer (.+)$/.exec(String(authorization ?? ""))?.[1];
      let jwt: ApnsRequest["jwt"] = null;
      let jwtError: string | null = null;
      if (authorization !== undefined || !clientCertificate) {
        try {
          if (!bearer) throw new Error(authorization === undefined ? "no bearer token and no client certificate" : "no bearer token");
          const verified = await jwtVerify(bearer, publicKey, { algorithms: ["ES256"] });
          jwt = { kid: decodeProtectedHeader(bearer).kid, iss: verified.payload.iss, iat: verified.payload.iat };
        } catch (error) {
          jwtError = (error as Error).message;
        }
      }
      const request: ApnsRequest = { path: String(headers[":path"]), headers, body: Buffer.concat(chunks).toString("utf8"), jwt, jwtError, clientCertificate };
      requests.push(request);
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      const reply = jwtError ? { status: 403, reason: authorization === undefined ? "MissingProviderToken" : "InvalidProviderToken" } : answer(request);
      stream.respond({ ":status": reply.status, "apns-id": "00000000-0000-0000-0000-000000000000", ...(reply.reason ? { "content-type": "application/json" } : {}) });
      stream.end(reply.reason ? JSON.stringify({ reason: reply.reason }) : undefined);
    });
  });
  /** TLS handshakes the server refused (a client without an acceptable certificate). */
  const refusedHandshakes: string[] = [];
  server.on("tlsClientError", (error: Error) => refusedHandshakes.push(error.message));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? "https" : "http"}://127.0.0.1:${port}`,
    requests,
    refusedHandshakes,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
