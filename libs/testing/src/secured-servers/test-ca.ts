import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { writeFileSync, readFileSync } from 'node:fs';

export interface TestCertificates {
  /** PEM of the CA that clients are given (KAFKA_SSL_CA_FILE, MONGO_TLS_CA_FILE). */
  readonly caFile: string;
  /** The server's certificate for 127.0.0.1 and localhost, signed by the CA. */
  readonly certFile: string;
  /** Its unencrypted PKCS#8 private key. */
  readonly keyFile: string;
  /** Key and certificate in one PEM file (Kafka's ssl.keystore.type=PEM). */
  readonly keystoreFile: string;
}

const openssl = (dir: string, ...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });

/**
 * A throw-away CA and one server certificate made by `openssl`, as an
 * operator would for a private deployment. The key stays unencrypted: Kafka
 * reads encrypted PEM keys only in the old PBES1 formats (Java 17 answers
 * "PBES2 SecretKeyFactory not available" for what openssl 3 writes).
 */
export function createTestCertificates(dir: string): TestCertificates {
  openssl(dir, 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Homeward test CA');
  openssl(dir, 'req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  // Clients check the address they dialled against the subjectAltName.
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  openssl(dir, 'x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'server.ext');
  const keystoreFile = join(dir, 'server-keystore.pem');
  writeFileSync(keystoreFile, readFileSync(join(dir, 'server.key'), 'utf8') + readFileSync(join(dir, 'server.pem'), 'utf8'), { mode: 0o600 });
  return { caFile: join(dir, 'ca.pem'), certFile: join(dir, 'server.pem'), keyFile: join(dir, 'server.key'), keystoreFile };
}
