// An independent decryptor for encrypted Aegis vaults, used by Lifeline's
// export test so that the export is checked by more than Lifeline's own
// importer. It follows Aegis's docs/vault.md with Node's crypto module only:
// scrypt turns the password into a key-encryption key, AES-256-GCM unwraps
// the master key from a password slot, and AES-256-GCM opens the db.
//
// Usage: node aegis_decrypt.mjs VAULT.json < password
// Prints {"dbVersion": N, "entries": [...]} with group UUIDs resolved to names.
import { readFileSync } from 'node:fs';
import { scryptSync, createDecipheriv } from 'node:crypto';

const vault = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const password = readFileSync(0, 'utf8').replace(/\r?\n$/, '');
if (vault.version !== 1) {
  throw new Error(`vault file version ${vault.version}, want 1`);
}

function open(key, nonceHex, tagHex, ciphertext) {
  const d = createDecipheriv('aes-256-gcm', key, Buffer.from(nonceHex, 'hex'));
  d.setAuthTag(Buffer.from(tagHex, 'hex'));
  return Buffer.concat([d.update(ciphertext), d.final()]);
}

let master = null;
for (const slot of vault.header.slots) {
  if (slot.type !== 1) continue; // 1 = password slot
  const kek = scryptSync(Buffer.from(password, 'utf8'), Buffer.from(slot.salt, 'hex'), 32,
    { N: slot.n, r: slot.r, p: slot.p, maxmem: 256 * 1024 * 1024 });
  try {
    master = open(kek, slot.key_params.nonce, slot.key_params.tag, Buffer.from(slot.key, 'hex'));
    break;
  } catch {
    // not this slot's password
  }
}
if (master === null) {
  console.error('no password slot opens with this password');
  process.exit(2);
}

const p = vault.header.params;
const db = JSON.parse(open(master, p.nonce, p.tag, Buffer.from(vault.db, 'base64')).toString('utf8'));
const groups = new Map((db.groups ?? []).map((g) => [g.uuid, g.name]));
const entries = db.entries.map((e) => ({
  type: e.type,
  issuer: e.issuer,
  name: e.name,
  secret: e.info.secret,
  algo: e.info.algo,
  digits: e.info.digits,
  period: e.info.period ?? null,
  counter: e.info.counter ?? null,
  pin: e.info.pin ?? null,
  note: e.note ?? '',
  favorite: e.favorite ?? false,
  groups: (e.groups ?? []).map((u) => groups.get(u)),
}));
console.log(JSON.stringify({ dbVersion: db.version, entries }));
