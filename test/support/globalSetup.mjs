// Jest's globalSetup does not go through the TypeScript transform's module mapping, so it
// loads the TypeScript set-up through tsx.
import { tsImport } from 'tsx/esm/api';

export default async function globalSetup() {
  const { default: start } = await tsImport('./startTestNeo4j.ts', import.meta.url);
  await start();
}
