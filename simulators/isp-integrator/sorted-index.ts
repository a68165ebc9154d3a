/**
 * An ordered set of sequence numbers with cursor paging. Listings that must stay fast with
 * 100,000 customers (charged extras, customers, billing events) page over one of these instead of
 * scanning every record per page: a page is a binary search plus a slice. A cursor is the last
 * sequence number returned, so paging is stable while entries are added or removed elsewhere.
 */
export class SortedSeqIndex {
  private seqs: number[] = [];

  get size(): number {
    return this.seqs.length;
  }

  add(seq: number): void {
    const n = this.seqs.length;
    // Records are mostly created in sequence order, so appending is the common case.
    if (n === 0 || this.seqs[n - 1] < seq) {
      this.seqs.push(seq);
      return;
    }
    const i = this.lowerBound(seq);
    if (this.seqs[i] !== seq) this.seqs.splice(i, 0, seq);
  }

  remove(seq: number): void {
    const i = this.lowerBound(seq);
    if (this.seqs[i] === seq) this.seqs.splice(i, 1);
  }

  has(seq: number): boolean {
    return this.seqs[this.lowerBound(seq)] === seq;
  }

  /** Up to `limit` entries strictly after `cursor` (from the start when undefined), and whether more follow. */
  after(cursor: number | undefined, limit: number): { seqs: number[]; more: boolean } {
    const start = cursor === undefined ? 0 : this.lowerBound(cursor + 1);
    const seqs = this.seqs.slice(start, start + limit);
    return { seqs, more: start + limit < this.seqs.length };
  }

  /** Entries after `cursor`, in order, for listings that filter while they page. */
  *from(cursor: number | undefined): Generator<number> {
    for (let i = cursor === undefined ? 0 : this.lowerBound(cursor + 1); i < this.seqs.length; i++) yield this.seqs[i];
  }

  /** First index whose value is >= seq. */
  private lowerBound(seq: number): number {
    let lo = 0;
    let hi = this.seqs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.seqs[mid] < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
