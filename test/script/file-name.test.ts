import { describe, expect, it } from "vitest";
import { dateParts, formatCreateDate, renderFileTemplate, slugify } from "../../src/script/file-name.js";
import { AthanorError } from "../../src/util/errors.js";

const moment = new Date("2026-03-04T05:06:07.089Z");

describe("slugify", () => {
  it("joins the words of the message, lowercased", () => {
    expect(slugify("Create Users", 40)).toBe("create_users");
    expect(slugify("  add e-mail to users!  ", 40)).toBe("add_e_mail_to_users");
    expect(slugify("", 40)).toBe("");
    expect(slugify("créer la table Été", 40)).toBe("créer_la_table_été");
  });

  it("cuts a long slug on a word boundary and ends it with _", () => {
    expect(slugify("this is a rather long message about columns", 20)).toBe("this_is_a_rather_");
    // exactly at the limit: untouched
    expect(slugify("abcd efgh", 9)).toBe("abcd_efgh");
    expect(slugify("abcdefghijklmnop", 5)).toBe("abcde_");
    const slug = slugify("one two three four five six seven eight nine ten eleven", 40);
    expect(slug).toBe("one_two_three_four_five_six_seven_eight_");
    expect(slug.length).toBeLessThanOrEqual(41);
  });
});

describe("dateParts and the create date", () => {
  it("reads the moment in an IANA time zone", () => {
    const utc = dateParts(moment, "UTC");
    expect(utc).toMatchObject({ year: 2026, month: 3, day: 4, hour: 5, minute: 6, second: 7, offsetMinutes: 0 });
    const tokyo = dateParts(moment, "Asia/Tokyo");
    expect(tokyo).toMatchObject({ hour: 14, offsetMinutes: 540 });
    const ny = dateParts(moment, "America/New_York");
    expect(ny).toMatchObject({ day: 4, hour: 0, offsetMinutes: -300 });
    expect(utc.epoch).toBe(Math.floor(moment.getTime() / 1000));
  });

  it("formats the create date, with the offset when a zone is set", () => {
    expect(formatCreateDate(dateParts(moment, "UTC"))).toBe("2026-03-04 05:06:07.089000+00:00");
    expect(formatCreateDate(dateParts(moment, "Asia/Kolkata"))).toBe("2026-03-04 10:36:07.089000+05:30");
    expect(formatCreateDate(dateParts(moment, undefined))).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.089000$/);
  });
});

describe("renderFileTemplate", () => {
  const values = { rev: "ae1027a6acf0", slug: "create_users", date: dateParts(moment, "UTC") };

  it("fills brace tokens, date tokens zero-padded", () => {
    expect(renderFileTemplate("{rev}_{slug}", values)).toBe("ae1027a6acf0_create_users");
    expect(renderFileTemplate("{year}_{month}_{day}_{hour}{minute}{second}-{rev}", values)).toBe(
      "2026_03_04_050607-ae1027a6acf0",
    );
    expect(renderFileTemplate("{epoch}_{rev}", values)).toBe(`${values.date.epoch}_ae1027a6acf0`);
    expect(renderFileTemplate("{year}/{month}/{rev}_{slug}", values)).toBe("2026/03/ae1027a6acf0_create_users");
  });

  it("accepts Alembic's printf form", () => {
    expect(renderFileTemplate("%(rev)s_%(slug)s", values)).toBe("ae1027a6acf0_create_users");
    expect(renderFileTemplate("%(year)d_%(month).2d_%(day).2d_%(hour).2d%(minute).2d-%(rev)s", values)).toBe(
      "2026_03_04_0506-ae1027a6acf0",
    );
    expect(renderFileTemplate("%(month)d-%(day)02d-%%", values)).toBe("3-04-%");
  });

  it("refuses an unknown token", () => {
    expect(() => renderFileTemplate("{rev}_{name}", values)).toThrow(AthanorError);
    expect(() => renderFileTemplate("{rev}_{name}", values)).toThrow('Unknown token "name" in fileTemplate "{rev}_{name}"');
    expect(() => renderFileTemplate("%(nope)s", values)).toThrow(/Unknown token "nope"/);
  });
});
