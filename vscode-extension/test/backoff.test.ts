import { describe, expect, it } from "vitest";

import { DEFAULT_BACKOFF, RestartPolicy } from "../src/backoff";

describe("RestartPolicy", () => {
  it("doubles the delay after each crash, up to the maximum", () => {
    const p = new RestartPolicy({ ...DEFAULT_BACKOFF, maxCrashes: 10, windowMs: 1e9 });
    const delays = Array.from({ length: 8 }, (_, i) => p.crashed(i * 10));
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });

  it("gives up after too many crashes in the window", () => {
    const p = new RestartPolicy();
    for (let i = 0; i < DEFAULT_BACKOFF.maxCrashes; i++) {
      expect(p.crashed(i * 1000)).toBeTypeOf("number");
    }
    expect(p.crashed(6000)).toBeUndefined();
  });

  it("forgets crashes older than the window", () => {
    const p = new RestartPolicy();
    for (let i = 0; i < DEFAULT_BACKOFF.maxCrashes; i++) {
      p.crashed(i);
    }
    expect(p.crashed(DEFAULT_BACKOFF.windowMs + 10)).toBe(500);
  });

  it("starts afresh after a server ran long enough", () => {
    const p = new RestartPolicy();
    p.crashed(0);
    p.crashed(100);
    p.running(200);
    expect(p.crashed(200 + DEFAULT_BACKOFF.stableMs)).toBe(500);
  });

  it("reset clears the count (a restart the user asked for)", () => {
    const p = new RestartPolicy();
    p.crashed(0);
    p.crashed(1);
    p.reset();
    expect(p.count).toBe(0);
    expect(p.crashed(2)).toBe(500);
  });
});
