import { SortedSeqIndex } from './sorted-index';

describe('SortedSeqIndex', () => {
  it('keeps sequence numbers ordered and unique whatever the insertion order', () => {
    const index = new SortedSeqIndex();
    for (const seq of [5, 1, 9, 5, 3, 12]) index.add(seq);
    expect(index.after(undefined, 10)).toEqual({ seqs: [1, 3, 5, 9, 12], more: false });
    index.remove(9);
    index.remove(100);
    expect(index.size).toBe(4);
    expect(index.has(9)).toBe(false);
  });

  it('pages strictly after a cursor, even one that was removed meanwhile', () => {
    const index = new SortedSeqIndex();
    for (let seq = 1; seq <= 10; seq++) index.add(seq * 10);
    const first = index.after(undefined, 3);
    expect(first).toEqual({ seqs: [10, 20, 30], more: true });
    index.remove(30);
    index.add(25);
    expect(index.after(30, 3)).toEqual({ seqs: [40, 50, 60], more: true });
    expect(index.after(90, 3)).toEqual({ seqs: [100], more: false });
    expect([...index.from(70)]).toEqual([80, 90, 100]);
  });
});
