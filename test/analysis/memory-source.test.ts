/** The in-memory InventorySource (the stand-in for a database or snapshot used across the tests). */
import { memorySource } from "../../migration-jobs/inventory/memory-source";
import { cat } from "./fixture";

describe("memorySource", () => {
  it("starts a fresh pass on every read, from arrays and from generators", async () => {
    let passes = 0;
    const src = memorySource({
      categories: [cat(1, "Root", 1, { isRoot: true })],
      messageDays: async function* () {
        passes++;
        yield { roomId: 1, day: "2024-01-01", messages: 1, fileLinks: 0, first: "", last: "" };
      },
    });
    for (let i = 0; i < 2; i++) {
      const rows = [];
      for await (const c of src.read("categories")) rows.push(c);
      expect(rows).toHaveLength(1);
      for await (const _ of src.read("messageDays")) void _;
    }
    expect(passes).toBe(2);
  });
  it("reads absent entities as empty and describes itself without secrets", async () => {
    const src = memorySource({}, { kind: "lync2013" });
    const rows = [];
    for await (const r of src.read("rooms")) rows.push(r);
    expect(rows).toEqual([]);
    expect(await src.info()).toMatchObject({ kind: "lync2013", database: "mgc", server: null });
    expect(src.description).toBe("in-memory lync2013 inventory");
  });
  it("refuses to read after close", async () => {
    const src = memorySource({});
    await src.close();
    expect(() => src.read("rooms")).toThrow(/after close/);
  });
});
