/**
 * A small XML well-formedness check for the tests (no XML parser is a dependency): one root, tags closed in order,
 * attributes quoted, no stray `<` or `&` in text. Returns the problems found, or an empty list; and the elements
 * with their attributes and text, so a test can look for properties.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  text: string;
  children: XmlElement[];
}

const ENTITY = /&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/g;

export function parseXml(source: string): { problems: string[]; root: XmlElement | null } {
  const problems: string[] = [];
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  const text = source.replace(/^\uFEFF/, '');
  const decl = /^<\?xml[^?]*\?>\s*/.exec(text);
  let i = decl ? decl[0].length : 0;
  const checkChars = (s: string, where: string) => {
    if (/</.test(s)) problems.push(`"<" in ${where}`);
    if (/&/.test(s.replace(ENTITY, ''))) problems.push(`bare "&" in ${where}`);
  };
  const decode = (s: string) =>
    s.replace(ENTITY, (e) =>
      e === '&amp;'
        ? '&'
        : e === '&lt;'
          ? '<'
          : e === '&gt;'
            ? '>'
            : e === '&quot;'
              ? '"'
              : e === '&apos;'
                ? "'"
                : String.fromCodePoint(Number(e.startsWith('&#x') ? `0x${e.slice(3, -1)}` : e.slice(2, -1))),
    );
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const chunk = lt === -1 ? text.slice(i) : text.slice(i, lt);
    if (chunk.trim() !== '') {
      if (stack.length === 0) problems.push(`text outside the root: ${chunk.trim().slice(0, 40)}`);
      else {
        checkChars(chunk, `text of <${stack[stack.length - 1]?.name}>`);
        (stack[stack.length - 1] as XmlElement).text += decode(chunk);
      }
    }
    if (lt === -1) break;
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt);
      if (end === -1) return { problems: [...problems, 'unclosed comment'], root };
      i = end + 3;
      continue;
    }
    const gt = text.indexOf('>', lt);
    if (gt === -1) return { problems: [...problems, 'unclosed tag'], root };
    const tag = text.slice(lt + 1, gt);
    i = gt + 1;
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      const open = stack.pop();
      if (!open || open.name !== name) problems.push(`</${name}> closes <${open?.name ?? 'nothing'}>`);
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const nameMatch = /^([A-Za-z_][\w.:-]*)/.exec(body);
    if (!nameMatch) {
      problems.push(`bad tag <${tag.slice(0, 40)}>`);
      continue;
    }
    const element: XmlElement = { name: nameMatch[1] as string, attributes: {}, text: '', children: [] };
    let rest = body.slice(nameMatch[0].length);
    const attribute = /^\s+([A-Za-z_][\w.:-]*)\s*=\s*"([^"]*)"/;
    for (let m = attribute.exec(rest); m; m = attribute.exec(rest)) {
      const [whole, name, value] = m as unknown as [string, string, string];
      if (name in element.attributes) problems.push(`attribute ${name} twice on <${element.name}>`);
      checkChars(value, `attribute ${name}`);
      element.attributes[name] = decode(value);
      rest = rest.slice(whole.length);
    }
    if (rest.trim() !== '') problems.push(`unreadable attributes on <${element.name}>: ${rest.trim().slice(0, 40)}`);
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else if (root) problems.push(`a second root <${element.name}>`);
    else root = element;
    if (!selfClosing) stack.push(element);
  }
  if (stack.length > 0) problems.push(`unclosed <${stack.map((e) => e.name).join('>, <')}>`);
  if (!root) problems.push('no root element');
  return { problems, root };
}
