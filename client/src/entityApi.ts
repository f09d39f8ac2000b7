// Root fields of the entity API (@neo4j/graphql), by node type. The library names a type's
// list with the English plural of its camel-cased name ("Person" → "people"), not with the
// bundle's list key (`persons`); a test checks every model type against the live schema.
const IRREGULAR: Record<string, string> = { person: 'people', child: 'children', man: 'men', woman: 'women' };

/** `Person` → `people`, `BodyType` → `bodyTypes`, `Body` → `bodies`, `Term` → `terms`. */
export function entityField(label: string): string {
  const camel = label.charAt(0).toLowerCase() + label.slice(1);
  const words = camel.split(/(?=[A-Z])/);
  const last = words.pop()!;
  const lower = last.toLowerCase();
  let plural: string;
  if (IRREGULAR[lower]) plural = last[0] === last[0].toUpperCase() ? IRREGULAR[lower][0].toUpperCase() + IRREGULAR[lower].slice(1) : IRREGULAR[lower];
  else if (/[^aeiou]y$/i.test(last)) plural = `${last.slice(0, -1)}ies`;
  else if (/(s|x|z|ch|sh)$/i.test(last)) plural = `${last}es`;
  else plural = `${last}s`;
  return [...words, plural].join('');
}
