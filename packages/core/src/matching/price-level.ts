import type { BookOrder } from "./book-order";

/**
 * All orders resting at one price, oldest first: an intrusive doubly linked list through the orders
 * themselves, so append, pop-front and cancel from the middle are O(1) (price-time priority within the
 * level is the list order). quantity is the level's total open shares, kept as orders come and go.
 */
export class PriceLevel {
  head: BookOrder | null = null;
  tail: BookOrder | null = null;
  orders = 0;
  quantity = 0;

  constructor(readonly ticks: number) {}

  append(order: BookOrder): void {
    order.level = this;
    order.prev = this.tail;
    order.next = null;
    if (this.tail === null) this.head = order;
    else this.tail.next = order;
    this.tail = order;
    this.orders += 1;
    this.quantity += order.open;
  }

  /** Unlinks the order; the caller detaches it (order.level) and adjusts order.open. */
  remove(order: BookOrder): void {
    if (order.prev === null) this.head = order.next;
    else order.prev.next = order.next;
    if (order.next === null) this.tail = order.prev;
    else order.next.prev = order.prev;
    order.prev = null;
    order.next = null;
    this.orders -= 1;
    this.quantity -= order.open;
  }
}
