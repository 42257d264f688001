// Relays TCP through a unix socket, so a process inside the harness's network namespace reaches a
// server on the host's loopback (the local registry) while no traffic leaves either loopback:
//   node relay.mjs unix-to-tcp <socket path> <host:port>   (in the host namespace)
//   node relay.mjs tcp-to-unix <host:port> <socket path>   (in the harness namespace)
import { rmSync } from "node:fs";
import { connect, createServer } from "node:net";

const [mode, from, to] = process.argv.slice(2);
const hostPort = (s) => {
  const i = s.lastIndexOf(":");
  return { host: s.slice(0, i), port: Number(s.slice(i + 1)) };
};
if (mode !== "unix-to-tcp" && mode !== "tcp-to-unix") {
  console.error("usage: relay.mjs unix-to-tcp <socket> <host:port> | tcp-to-unix <host:port> <socket>");
  process.exit(2);
}
const server = createServer((client) => {
  const upstream = mode === "unix-to-tcp" ? connect(hostPort(to)) : connect(to);
  client.pipe(upstream).pipe(client);
  const close = () => {
    client.destroy();
    upstream.destroy();
  };
  client.on("error", close);
  upstream.on("error", close);
});
if (mode === "unix-to-tcp") {
  rmSync(from, { force: true });
  server.listen(from);
} else {
  const { host, port } = hostPort(from);
  server.listen(port, host);
}
server.on("listening", () => console.error(`relay ${mode} ${from} -> ${to}`));
for (const sig of ["SIGTERM", "SIGINT"]) process.on(sig, () => process.exit(0));
