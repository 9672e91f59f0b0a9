import type { Duplex } from 'node:stream';

/**
 * The place of one request in the arrival order of its connection. Node
 * emits pipelined requests in arrival order, and the gate hands them to the
 * application in the same order, whatever order their filters finish in.
 */
export class OrderTicket {
  private settled = false;
  /** The hand-over that waits for the earlier requests. */
  waiting: (() => void) | undefined;

  constructor(private readonly order: ConnectionOrder) {}

  /** Returns true when every earlier request was settled. */
  isFirst(): boolean {
    return this.settled || this.order.isFirst(this);
  }

  /**
   * Runs `handOver` now when every earlier request was settled, and
   * otherwise once they are. `handOver` settles the ticket.
   */
  whenFirst(handOver: () => void): void {
    if (this.isFirst()) {
      handOver();
      return;
    }
    this.waiting = handOver;
  }

  /**
   * Marks the request as handed to the application, blocked or abandoned,
   * so the requests after it may go on. Later calls do nothing.
   */
  settle(): void {
    if (this.settled) return;
    this.settled = true;
    this.waiting = undefined;
    this.order.remove(this);
  }
}

/**
 * The unsettled requests of one connection, oldest first. While a request
 * queues behind an earlier one, the connection stops reading, as Node's
 * server does while the responses it queued for pipelined requests are not
 * written. A client that pipelines thousands of requests then has only the
 * requests of the chunk being parsed in memory, never all of them. Reading
 * goes on when at most one request is left, which needs no more bytes: a
 * pipelined request is only parsed after the whole body before it.
 */
export class ConnectionOrder {
  private readonly tickets: OrderTicket[] = [];
  /** Hand-overs of upgrade and CONNECT events that wait for the tickets. */
  private readonly afterTickets: Array<() => void> = [];
  private paused = false;
  private draining = false;

  constructor(private readonly socket: Duplex) {}

  /** Adds a ticket for a request that arrived after all the others. */
  enter(): OrderTicket {
    const ticket = new OrderTicket(this);
    this.tickets.push(ticket);
    if (this.tickets.length > 1) this.holdBack();
    return ticket;
  }

  /**
   * Runs `handOver` now when no request of the connection is unsettled,
   * and otherwise once every request there is now was settled. An upgrade
   * or CONNECT request waits here, because Node parses nothing after it
   * and hands it over after the requests before it.
   */
  whenSettled(handOver: () => void): void {
    if (this.tickets.length === 0) {
      handOver();
      return;
    }
    this.afterTickets.push(handOver);
  }

  /** Returns true while a request of the connection is not settled. */
  hasUnsettled(): boolean {
    return this.tickets.length > 0;
  }

  isFirst(ticket: OrderTicket): boolean {
    return this.tickets[0] === ticket;
  }

  // Pauses the way Node's server pauses for its queued responses, with the
  // same flag: `readStart`, which Node calls after each parsed request,
  // leaves a socket with `_paused` set alone, and Node pauses the parser
  // after the chunk being parsed. Node resumes the socket when its queued
  // responses drain; the next request that queues pauses it again.
  private holdBack(): void {
    const socket = this.socket as PausableSocket;
    if (socket._paused === true) return;
    socket._paused = true;
    socket.pause();
    this.paused = true;
  }

  remove(ticket: OrderTicket): void {
    const index = this.tickets.indexOf(ticket);
    if (index < 0) return;
    this.tickets.splice(index, 1);
    this.drain();
  }

  // Hands over the waiting requests that are now first, one after the
  // other. Only the outermost call loops: a hand-over settles its ticket
  // and so calls back into `remove`, which would otherwise recurse once
  // per pipelined request.
  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    try {
      for (;;) {
        const first = this.tickets[0];
        const handOver = first?.waiting;
        if (first === undefined || handOver === undefined) break;
        first.waiting = undefined;
        handOver();
      }
    } finally {
      this.draining = false;
    }
    this.resumeWhenFree();
    this.runAfterTickets();
  }

  private runAfterTickets(): void {
    while (this.tickets.length === 0 && this.afterTickets.length > 0) {
      (this.afterTickets.shift() as () => void)();
    }
  }

  private resumeWhenFree(): void {
    if (!this.paused || this.tickets.length > 1) return;
    this.paused = false;
    const socket = this.socket as PausableSocket;
    if (socket._paused !== true || socket.destroyed) return;
    // Without a parser the socket was upgraded and belongs to the
    // application, which decides itself when it reads.
    if (socket.parser === null || socket.parser === undefined) return;
    socket._paused = false;
    socket.parser?.resume();
    socket.resume();
  }
}

/**
 * The fields that Node's HTTP server (Node 20) keeps on a connection's
 * socket to pause reading while its queued responses wait to be written.
 */
type PausableSocket = Duplex & {
  _paused?: boolean;
  parser?: { resume(): void } | null;
};

const orders = new WeakMap<Duplex, ConnectionOrder>();

/** Returns the order of the requests of a connection, made on first use. */
export function connectionOrder(socket: Duplex): ConnectionOrder {
  let order = orders.get(socket);
  if (order === undefined) {
    order = new ConnectionOrder(socket);
    orders.set(socket, order);
  }
  return order;
}
