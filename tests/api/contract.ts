// Reads docs/api-contract.md into what a test can check against /openapi.json:
// each operation with the field names of its request and response, the Policy
// shape, the profile's (dotted) fields and the problem fields.

export interface ContractOperation {
  method: string;
  /** OpenAPI style: `/v1/policies/{id}`. */
  path: string;
  requestFields: string[];
  responseFields: string[];
  /** A response written as a schema name (`→ \`Policy\``). */
  responseSchema?: string;
  queryParams: string[];
  headers: string[];
}

export interface Contract {
  operations: ContractOperation[];
  policyFields: string[];
  profileFields: string[];
  problemFields: string[];
}

/** Keys of a JS-ish object literal as the contract writes them: `{ a, b?: T, c: { d } }` → a, b, c, d. */
export function objectKeys(text: string): string[] {
  const clean = text.replace(/\/\/[^\n]*/g, '').replace(/"[^"]*"/g, '""');
  const keys = new Set<string>();
  for (const m of clean.matchAll(/[{,]\s*([A-Za-z_][A-Za-z0-9_]*)\??\s*(?=[:,}])/g)) keys.add(m[1] as string);
  return [...keys];
}

const OPERATION = /`(GET|POST|PATCH|PUT|DELETE) (\/[^\s`?]*)/;

export function parseContract(markdown: string): Contract {
  // A list item's continuation lines (indented) belong to the item.
  const lines: string[] = [];
  for (const line of markdown.split('\n')) {
    const previous = lines.at(-1);
    if (previous?.startsWith('- ') && /^ {2}\S/.test(line))
      lines[lines.length - 1] = `${previous} ${line.trim()}`;
    else lines.push(line);
  }
  const operations: ContractOperation[] = [];
  let policyFields: string[] = [];
  const profileFields: string[] = [];
  let problemFields: string[] = [];
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.startsWith('## ')) section = line.slice(3);
    if (section.startsWith('Company profile')) {
      const row = /^\| `([\w.]+)` \|/.exec(line);
      if (row) profileFields.push(row[1] as string);
    }
    if (line.includes('RFC 9457')) {
      const block = lines.slice(i, i + 3).join(' ');
      problemFields = [
        ...new Set([...block.matchAll(/`(\w+)(?=`|:)/g)].map((m) => m[1] as string)),
        ...objectKeys(block),
      ].filter((k) => !['application', 'problem', 'json'].includes(k));
      problemFields = [...new Set(problemFields)];
    }
    if (line.startsWith('Policy: `')) {
      // The Policy literal runs over two lines.
      policyFields = objectKeys(`${line} ${lines[i + 1] ?? ''}`.replace(/^Policy: /, ''));
    }
    const op = OPERATION.exec(line);
    if (!op || !line.replace(/^- /, '').startsWith('`')) continue;
    const [, method, path] = op as unknown as [string, string, string];
    const request = /with `(\{[^`]*\})`/.exec(line)?.[1] ?? '';
    let response = /→ `(?:\d{3} )?(\{[^`]*\})`/.exec(line)?.[1] ?? '';
    const responseSchema = /→ `([A-Z]\w*)`/.exec(line)?.[1];
    const queryParams = [
      ...[...(/`[A-Z]+ \/[^\s`?]*\?([^\s`]*)`/.exec(line)?.[1] ?? '').matchAll(/(\w+)=/g)].map(
        (m) => m[1] as string,
      ),
      ...[...line.matchAll(/`\?(\w+)=`/g)].map((m) => m[1] as string),
    ];
    const headers = [...line.matchAll(/header `([\w-]+)`/g)].map((m) => m[1] as string);
    // A response literal that continues on the next line (POST /v1/chat).
    if (!response && /→ `\{[^`]*$/.test(line))
      response = `${line.slice(line.indexOf('→'))} ${lines[i + 1] ?? ''}`;
    if (!response && line.trimEnd().endsWith('→')) {
      const start = lines.indexOf('```', i + 1);
      const end = lines.indexOf('```', start + 1);
      response = lines.slice(start + 1, end).join('\n');
    }
    operations.push({
      method: method.toLowerCase(),
      path,
      requestFields: objectKeys(request),
      responseFields: objectKeys(response),
      ...(responseSchema ? { responseSchema } : {}),
      queryParams,
      headers,
    });
  }
  return { operations, policyFields, profileFields, problemFields };
}
