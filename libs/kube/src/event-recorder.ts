// Kubernetes Events (core/v1) about our objects: what a worker did to an object, or why it could
// not, as `kubectl describe` shows them. Events are best effort by design (the apiserver may drop
// them, they expire after an hour), so a failure to record one is reported to `onError` and never
// fails the work it describes.
import { randomBytes } from 'node:crypto';
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';

/** The object an event is about. */
export interface InvolvedObject {
  apiVersion: string;
  kind: string;
  metadata: { namespace?: string; name?: string; uid?: string };
}

export interface KubeEvent {
  type: 'Normal' | 'Warning';
  /** CamelCase, e.g. `IdsAllocated`, `ServiceIdsExhausted`. */
  reason: string;
  /** A sentence a person can act on. */
  message: string;
}

export class EventRecorder {
  private readonly api: CoreV1Api;

  constructor(
    kc: KubeConfig,
    private readonly component: string,
    private readonly onError: (err: Error) => void,
  ) {
    this.api = kc.makeApiClient(CoreV1Api);
  }

  async record(object: InvolvedObject, event: KubeEvent): Promise<void> {
    const { namespace = 'default', name = '', uid } = object.metadata;
    const now = new Date();
    try {
      await this.api.createNamespacedEvent({
        namespace,
        body: {
          metadata: { namespace, name: `${name}.${randomBytes(8).toString('hex')}` },
          involvedObject: {
            apiVersion: object.apiVersion,
            kind: object.kind,
            namespace,
            name,
            uid,
          },
          type: event.type,
          reason: event.reason,
          message: event.message,
          source: { component: this.component },
          reportingComponent: this.component,
          firstTimestamp: now,
          lastTimestamp: now,
          count: 1,
        },
      });
    } catch (err) {
      this.onError(
        new Error(`recording event ${event.reason} on ${object.kind} ${namespace}/${name}`, {
          cause: err,
        }),
      );
    }
  }
}
