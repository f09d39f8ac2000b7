export default async function globalTeardown() {
  await globalThis.__quanzeTestNeo4j?.stop();
}
