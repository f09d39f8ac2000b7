// A TCP port nobody listens on right now (on 127.0.0.1), for the throw-away servers and Neo4j
// instances that tests, `npm run check` and the benchmark start beside whatever already runs.
import net from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
