// Exit 0 when TEST_DATABASE_URL answers (creating its database if the server lacks it),
// 2 when no PostgreSQL server answers there at all.
import pg from "pg";

const url = new URL(process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test");

async function tryConnect(target) {
  const client = new pg.Client({ connectionString: target.toString(), connectionTimeoutMillis: 3_000 });
  await client.connect();
  return client;
}

try {
  (await tryConnect(url)).end();
  console.log(`test database ready at ${url.host}${url.pathname}`);
} catch (error) {
  if (error.code !== "3D000") {
    console.log(`no PostgreSQL at ${url.host}: ${error.code ?? error.message}`);
    process.exit(2);
  }
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = await tryConnect(admin);
  await client.query(`CREATE DATABASE "${url.pathname.slice(1).replaceAll('"', "")}"`);
  await client.end();
  console.log(`created test database ${url.pathname.slice(1)}`);
}
