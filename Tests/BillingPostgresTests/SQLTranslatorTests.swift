@testable import BillingPostgres
import Testing

@Suite struct SQLTranslatorTests {
    @Test func placeholdersBecomeNumberedOutsideLiteralsAndComments() {
        #expect(SQLTranslator.translate("SELECT a FROM t WHERE b = ? AND c = ?") == "SELECT a FROM t WHERE b = $1 AND c = $2")
        #expect(SQLTranslator.translate("UPDATE t SET a = ?2 WHERE id = ?1 OR x = ?1") == "UPDATE t SET a = $2 WHERE id = $1 OR x = $1")
        // A bare ? after ?N takes one more than the largest so far, as in SQLite.
        #expect(SQLTranslator.translate("SELECT ?3, ?") == "SELECT $3, $4")
        #expect(SQLTranslator.translate("SELECT '?', \"a?\", ? -- why?\n, ? /* ? */") == "SELECT '?', \"a?\", $1 -- why?\n, $2 /* ? */")
        #expect(SQLTranslator.translate("SELECT 'it''s ?', ?") == "SELECT 'it''s ?', $1")
        #expect(SQLTranslator.translate("SELECT json_extract(m, '$.model') = ?") == "SELECT json_extract(m, '$.model') = $1")
    }

    @Test func wideSumIsAnExactSumThatIsZeroOverNoRows() {
        #expect(SQLTranslator.translate("SELECT wide_sum(delta) FROM l") == "SELECT coalesce(sum(delta), 0) FROM l")
        #expect(SQLTranslator.translate("SELECT WIDE_SUM(-(a + b)), wide_sum(c) AS s, my_wide_sum(d)")
                == "SELECT coalesce(sum(-(a + b)), 0), coalesce(sum(c), 0) AS s, my_wide_sum(d)")
        #expect(SQLTranslator.translate("SELECT 'wide_sum(x)'") == "SELECT 'wide_sum(x)'")
    }

    @Test func scriptsSplitAtTopLevelSemicolonsOnly() {
        let script = """
            CREATE TABLE a (x text DEFAULT ';');
            CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no; never'; END $$;
            -- a comment; with a semicolon
            SELECT 1;
            """
        let statements = SQLTranslator.statements(script)
        #expect(statements.count == 3)
        #expect(statements[1].contains("$$ BEGIN RAISE EXCEPTION 'no; never'; END $$"))
        #expect(statements[2].hasSuffix("SELECT 1"))
    }
}
