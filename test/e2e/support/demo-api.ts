/**
 * Browser-journey support for the demo data: the sign-ins `custos init --demo` prints, and the API as a
 * signed-in person for setup and for checks the UI cannot make.
 */

export interface Credential {
  email: string;
  password: string;
}

/** The demo sign-ins `custos init --demo` prints once: `  <role>  <email>  <password>`. */
export function parseCredentials(output: string): Map<string, Credential> {
  const credentials = new Map<string, Credential>();
  for (const line of output.split('\n')) {
    const match = /^\s+([a-z_]+)\s+(\S+@\S+)\s+(\S+)\s*$/.exec(line);
    if (match) credentials.set(match[1]!, { email: match[2]!, password: match[3]! });
  }
  return credentials;
}

/**
 * The API as a signed-in person (session cookie + CSRF token). The returned function throws
 * `<METHOD> <url> answered <status>: <body>` on any answer that is not 2xx.
 */
export async function apiAs(baseUrl: string, who: Credential) {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: who.email, password: who.password }) });
  const body = (await login.json()) as { csrfToken: string };
  if (!login.ok) throw new Error(`sign-in of ${who.email} failed: ${JSON.stringify(body)}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return async <T>(method: string, url: string, payload?: unknown): Promise<T> => {
    const response = await fetch(`${baseUrl}/api/v1${url}`, {
      method,
      headers: { cookie, 'x-csrf-token': body.csrfToken, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  };
}

export type Api = Awaited<ReturnType<typeof apiAs>>;
