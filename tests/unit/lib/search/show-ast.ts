import { parse, type SearchNode } from '@/lib/search';

/** A tree as a compact S-expression, so tests read like the query: `(and is:weapon (not is:locked))`. */
export function showAst(node: SearchNode | null): string {
  if (node === null) return '∅';
  switch (node.type) {
    case 'group': return `(group ${showAst(node.inner)})`;
    case 'not': return `(not ${showAst(node.operand)})`;
    case 'and': case 'or': return `(${node.type} ${node.children.map(showAst).join(' ')})`;
    case 'term': {
      const f = node.filter;
      switch (f.kind) {
        case 'is': return `is:${f.keyword}`;
        case 'text': return `text:${JSON.stringify(f.text)}`;
        case 'name': return `name:${JSON.stringify(f.text)}`;
        case 'type': return `type:${f.text}`;
        case 'tier': return `tier:${f.tier}`;
        case 'damage': return `damage:${f.damage}`;
        case 'power': return `power${f.op}${f.value}`;
        case 'count': return `count${f.op}${f.value}`;
        case 'stat': return `${f.base ? 'basestat' : 'stat'}:${f.stat}${f.op}${f.value}`;
        case 'season': case 'year': return `${f.kind}${f.op}${f.value}`;
        case 'perk': return `perk:${JSON.stringify(f.text)}`;
        case 'tag': return `tag:${f.tag}`;
        case 'notes': return `notes:${JSON.stringify(f.text)}`;
      }
    }
  }
}

/** A query's tree as `showAst` writes it; throws when the query does not parse. */
export function tree(query: string): string {
  const result = parse(query);
  if (!result.ok) throw new Error(`${query} did not parse: ${result.error.message}`);
  return showAst(result.ast);
}

/** A query's parse error, with the text it marks; throws when the query parses. */
export function failure(query: string) {
  const result = parse(query);
  if (result.ok) throw new Error(`${query} parsed: ${showAst(result.ast)}`);
  return { ...result.error, marked: query.slice(result.error.offset, result.error.offset + result.error.length) };
}
