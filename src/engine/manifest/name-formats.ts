/**
 * Name formats (k8s.io/apimachinery/pkg/util/validation): the checks and messages the API
 * server uses for object names, labels and hosts. Its own module so every reader can use them
 * without importing the validator (which imports the readers).
 */
const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL_RE = new RegExp(`^${DNS1123_LABEL_FMT}$`);
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const DNS1035_LABEL_RE = new RegExp(`^${DNS1035_LABEL_FMT}$`);
const WILDCARD_FMT = `\\*\\.${DNS1123_SUBDOMAIN_FMT}`;
const WILDCARD_RE = new RegExp(`^${WILDCARD_FMT}$`);

/** `RegexError`: the message, examples and the regex, exactly as apimachinery words it. */
export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  let out = `${msg} (e.g. `;
  examples.forEach((ex, i) => {
    if (i > 0) out += ' or ';
    out += `'${ex}', `;
  });
  return `${out}regex used for validation is '${fmt}')`;
}

export const maxLenError = (n: number): string => `must be no more than ${n} characters`;

export type NameRule = 'dns1123-label' | 'dns1123-subdomain' | 'dns1035-label';

/** The messages `IsDNS1123Label` / `IsDNS1123Subdomain` / `IsDNS1035Label` return. */
export function nameErrors(value: string, rule: NameRule): string[] {
  const errs: string[] = [];
  if (rule === 'dns1123-subdomain') {
    if (value.length > 253) errs.push(maxLenError(253));
    if (!DNS1123_SUBDOMAIN_RE.test(value)) {
      errs.push(
        regexError(
          "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
          DNS1123_SUBDOMAIN_FMT,
          'example.com',
        ),
      );
    }
  } else if (rule === 'dns1123-label') {
    if (value.length > 63) errs.push(maxLenError(63));
    if (!DNS1123_LABEL_RE.test(value)) {
      errs.push(
        regexError(
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
          DNS1123_LABEL_FMT,
          'my-name',
          '123-abc',
        ),
      );
    }
  } else {
    if (value.length > 63) errs.push(maxLenError(63));
    if (!DNS1035_LABEL_RE.test(value)) {
      errs.push(
        regexError(
          "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
          DNS1035_LABEL_FMT,
          'my-name',
          'abc-123',
        ),
      );
    }
  }
  return errs;
}

export function wildcardErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLenError(253));
  if (!WILDCARD_RE.test(value)) {
    errs.push(
      regexError(
        "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character",
        WILDCARD_FMT,
        '*.example.com',
      ),
    );
  }
  return errs;
}
