// File names that usually hold credentials (.env, private keys, registry and netrc files). Reading such a file
// is never automatic, even inside the workspace: the shell classifier asks, read_file asks, and search results
// leave them out unless the file was named. Templates (.env.example …) are ordinary files. Pure.
import path from "node:path";

const CREDENTIAL_NAME =
  /^(\.env(\..+)?|\.envrc|\.npmrc|\.netrc|_netrc|\.pypirc|\.git-credentials|\.pgpass|\.my\.cnf|id_(rsa|dsa|ecdsa|ed25519)(\..*)?|.*\.(pem|key|p12|pfx|keystore|jks)|credentials(\.json)?|secrets?\.(json|ya?ml|toml))$/i;
const TEMPLATE = /\.(example|sample|template|dist|defaults?|pub)$/i;

/** True when the last component of `p` names a file that usually holds credentials. */
export function isCredentialFile(p: string): boolean {
  const base = path.basename(p);
  return CREDENTIAL_NAME.test(base) && !TEMPLATE.test(base);
}
