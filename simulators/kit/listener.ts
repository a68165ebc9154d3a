import http from 'node:http';
import { AddressInfo } from 'node:net';
import { FaultController } from './faults';

/**
 * Owns a simulator's service socket. The 'down' fault closes it so clients get
 * ECONNREFUSED, exactly like a platform that is off; clearing the fault listens again on
 * the same port. Open connections are destroyed on close so keep-alive sockets fail too.
 */
export class ServiceListener {
  private sockets = new Set<import('node:net').Socket>();
  private listening = false;
  port = 0;

  constructor(readonly server: http.Server, private readonly host = '127.0.0.1') {
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  bindFaults(faults: FaultController): void {
    faults.onDownChange = async (down) => {
      if (down) await this.close();
      else await this.listen(this.port);
    };
  }

  async listen(port = 0): Promise<number> {
    if (this.listening) return this.port;
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      this.server.once('error', onError);
      this.server.listen(port, this.host, () => {
        this.server.off('error', onError);
        resolve();
      });
    });
    this.listening = true;
    this.port = (this.server.address() as AddressInfo).port;
    return this.port;
  }

  async close(): Promise<void> {
    if (!this.listening) return;
    this.listening = false;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    await closed;
  }

  get url(): string {
    return `http://${this.host}:${this.port}`;
  }
}
