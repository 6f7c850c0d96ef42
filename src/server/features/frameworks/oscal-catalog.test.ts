import { describe, expect, it } from "vitest";
import { AppError } from "../../kernel/errors.js";
import {
  parseOscalCatalog,
  type OscalCatalogDocument,
} from "./oscal-catalog.js";
import { keyFromTitle, readOscalCatalogFile } from "./oscal-import.service.js";
import { toRequirementRows } from "./requirement-writer.js";

const catalog = (): OscalCatalogDocument => ({
  catalog: {
    uuid: "0c6d7a77-9d0f-4d36-8c2b-3b4e2f4a9f10",
    metadata: {
      title: "Clinic Baseline",
      "last-modified": "2026-11-01T00:00:00Z",
      version: "2",
      "oscal-version": "1.1.2",
      parties: [
        {
          uuid: "7d3e2b1a-4c5f-4a6b-9c8d-1e2f3a4b5c6d",
          type: "organization",
          name: "Clinic Security Office",
        },
      ],
    },
    params: [
      {
        id: "top_prm",
        select: { "how-many": "one-or-more", choice: ["daily", "weekly"] },
      },
    ],
    groups: [
      {
        id: "net",
        title: "Network",
        parts: [{ name: "overview", prose: "Network controls." }],
        // An OSCAL group holds either groups or controls (the schema's anyOf), never both.
        groups: [
          {
            id: "wifi",
            title: "Wireless",
            controls: [
              {
                id: "w-1",
                title: "Guest isolation",
                props: [{ name: "label", value: "W-1" }],
                parts: [
                  {
                    name: "statement",
                    prose: "Isolate guests {{ insert: param, top_prm }}.",
                  },
                ],
              },
            ],
          },
          {
            id: "core",
            title: "Core network",
            controls: [
              {
                id: "n-1",
                title: "Segmentation",
                params: [{ id: "n-1_prm", values: ["VLAN 40"] }],
                props: [
                  { name: "label", value: "N-01", class: "zero-padded" },
                  { name: "label", value: "N-1" },
                  { name: "priority", value: "P1" },
                ],
                parts: [
                  {
                    name: "statement",
                    parts: [
                      {
                        name: "item",
                        props: [{ name: "label", value: "a." }],
                        prose: "Place devices on {{ insert: param, n-1_prm }};",
                        parts: [
                          {
                            name: "item",
                            props: [{ name: "label", value: "1." }],
                            prose: "including pumps.",
                          },
                        ],
                      },
                    ],
                  },
                  { name: "guidance", prose: "Why it matters." },
                ],
                controls: [
                  {
                    id: "n-1.1",
                    title: "Withdrawn",
                    props: [{ name: "status", value: "withdrawn" }],
                    controls: [{ id: "n-1.1.1", title: "Nested" }],
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
    controls: [{ id: "loose-1", title: "Ungrouped" }],
  },
});

describe("parseOscalCatalog", () => {
  it("maps groups, nested groups, controls and enhancements in document order with flattened prose", () => {
    const parsed = parseOscalCatalog(catalog());
    expect(parsed).toMatchObject({
      title: "Clinic Baseline",
      version: "2",
      oscalVersion: "1.1.2",
      publisher: "Clinic Security Office",
      withdrawnSkipped: 2,
    });
    expect(
      parsed.requirements.map((r) => [r.ref, r.parent, r.kind, r.theme]),
    ).toEqual([
      ["NET", null, "group", "Network"],
      ["WIFI", "NET", "group", "Network"],
      ["W-1", "WIFI", "control", "Network"],
      ["CORE", "NET", "group", "Network"],
      ["N-1", "CORE", "control", "Network"],
      ["LOOSE-1", null, "control", null],
    ]);
    const n1 = parsed.requirements.find((r) => r.ref === "N-1")!;
    expect(n1.text).toBe("a. Place devices on VLAN 40;\n  1. including pumps.");
    expect(n1.guidance).toBe("Why it matters.");
    expect(n1.data).toMatchObject({
      oscal_id: "n-1",
      props: [{ name: "priority", value: "P1" }],
      params: [{ id: "n-1_prm", values: ["VLAN 40"] }],
    });
    expect(parsed.requirements.find((r) => r.ref === "W-1")!.text).toBe(
      "Isolate guests [Selection (one or more): daily; weekly].",
    );
    expect(parsed.requirements[0]!.text).toBe("Network controls.");
  });

  it("gives rows depth, order and ids, and refuses a child before its parent", () => {
    const rows = toRequirementRows(
      "fw",
      parseOscalCatalog(catalog()).requirements,
    );
    expect(
      rows.map((r) => [r.id, r.depth, r.sort_order, r.assessable]),
    ).toEqual([
      ["fw:NET", 0, 1, 0],
      ["fw:WIFI", 1, 2, 0],
      ["fw:W-1", 2, 3, 1],
      ["fw:CORE", 1, 4, 0],
      ["fw:N-1", 2, 5, 1],
      ["fw:LOOSE-1", 0, 6, 1],
    ]);
    expect(rows[2]!.search_text).toBe("w-1 guest isolation");
    expect(() =>
      toRequirementRows("fw", [
        {
          ref: "B",
          parent: "A",
          kind: "control",
          title: "B",
          assessable: true,
        },
      ]),
    ).toThrow(/names parent A before it is defined/);
  });
});

describe("readOscalCatalogFile", () => {
  const refusal = (bytes: Buffer, limit = 1024 * 1024): AppError => {
    try {
      readOscalCatalogFile(bytes, limit);
    } catch (error) {
      return error as AppError;
    }
    throw new Error("expected a refusal");
  };

  it("refuses a file over the limit with 413, non-UTF-8 bytes, and JSON that is not an OSCAL catalog", () => {
    expect(refusal(Buffer.from(JSON.stringify(catalog())), 100)).toMatchObject({
      code: "payload_too_large",
      status: 413,
    });
    expect(refusal(Buffer.from([0xff, 0xfe, 0x00]))).toMatchObject({
      code: "validation_failed",
      message: "file: is not UTF-8 text",
    });
    const profile = refusal(
      Buffer.from(JSON.stringify({ profile: { uuid: "x" } })),
    );
    expect(profile.message).toMatch(
      /^file: is not a valid OSCAL catalog: at \/ must have required property 'catalog' \(schema path #\//,
    );
  });

  it("accepts a valid catalog with a BOM and names its SHA-256", () => {
    const body = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(JSON.stringify(catalog())),
    ]);
    const { parsed, sha256 } = readOscalCatalogFile(body, 1024 * 1024);
    expect(parsed.requirements).toHaveLength(6);
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("keyFromTitle", () => {
  it("makes a slug of at most 64 characters, falling back when nothing is left", () => {
    expect(keyFromTitle("NIST SP 800-53 Rev. 5 — MODERATE")).toBe(
      "nist-sp-800-53-rev-5-moderate",
    );
    expect(keyFromTitle("x".repeat(100))).toHaveLength(64);
    expect(keyFromTitle("!!!")).toBe("oscal-catalog");
  });
});
