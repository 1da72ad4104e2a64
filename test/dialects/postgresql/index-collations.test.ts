// An index's definition as PostgreSQL prints it, split into its elements, and
// the COLLATE an expression element states found after its expression.
import { describe, expect, it } from "vitest";
import { expressionCollation, indexDefinitionElements } from "../../../src/dialects/postgresql/index-collations.js";

describe("index definition elements", () => {
  it("split at the top level, quotes and parentheses kept whole", () => {
    expect(indexDefinitionElements(`CREATE INDEX ix ON public.t USING btree (lower(a) COLLATE "C", ((a || ',')) text_pattern_ops DESC, "b,c")`)).toEqual([
      'lower(a) COLLATE "C"',
      "((a || ',')) text_pattern_ops DESC",
      '"b,c"',
    ]);
    expect(indexDefinitionElements("not an index")).toEqual([]);
  });

  it("an expression's stated collation, plain, quoted or schema-qualified; none when not stated", () => {
    expect(expressionCollation('CREATE INDEX ix ON public.t USING btree (lower(a) COLLATE "C", b)', 0, "lower(a)")).toBe('"C"');
    expect(expressionCollation('CREATE INDEX ix ON public.t USING btree (((a || b)) COLLATE pg_catalog."POSIX")', 0, "(a || b)")).toBe('pg_catalog."POSIX"');
    expect(expressionCollation("CREATE INDEX ix ON public.t USING btree (b, upper(a) DESC)", 1, "upper(a)")).toBeUndefined();
    expect(expressionCollation("CREATE INDEX ix ON public.t USING btree (b)", 3, "upper(a)")).toBeUndefined();
  });
});
