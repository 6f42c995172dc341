// opencc-js ships each dictionary as its own module (`opencc-js/dict/<name>`,
// through its export map's `./*`) without types: each exports one string,
// `source target|source target|…`, as opencc-js/core's Trie#loadDict reads it.
declare module 'opencc-js/dict/*' {
  const dictionary: string;
  export default dictionary;
}
