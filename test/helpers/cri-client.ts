// A typed CRI client over grpc-js and the generated code, as kubelet or crictl would talk to berthd.
import {
  type Client,
  type ClientReadableStream,
  credentials,
  Metadata,
  makeGenericClientConstructor,
  type ServiceError,
} from "@grpc/grpc-js";
import {
  type ImageMethod,
  type ImageRequest,
  type ImageResponse,
  ImageServiceDefinition,
  type RuntimeMethod,
  type RuntimeRequest,
  type RuntimeResponse,
  RuntimeServiceDefinition,
} from "../../cri-api/runtime/v1/services.js";

type Unary = (
  req: unknown,
  md: Metadata | object,
  opts: object,
  cb: (err: ServiceError | null, res: unknown) => void,
) => void;

export interface CriClient {
  runtime<M extends RuntimeMethod>(
    method: M,
    req: RuntimeRequest<M>,
    timeoutMs?: number,
  ): Promise<RuntimeResponse<M>>;
  image<M extends ImageMethod>(
    method: M,
    req: ImageRequest<M>,
    timeoutMs?: number,
  ): Promise<ImageResponse<M>>;
  /** Server-streaming runtime call (GetContainerEvents). */
  runtimeStream<M extends RuntimeMethod>(
    method: M,
    req: RuntimeRequest<M>,
  ): ClientReadableStream<RuntimeResponse<M>>;
  close(): void;
}

const MAX = 16 * 1024 * 1024;

export function criClient(socket: string): CriClient {
  const opts = { "grpc.max_receive_message_length": MAX, "grpc.max_send_message_length": MAX };
  const RuntimeClient = makeGenericClientConstructor(RuntimeServiceDefinition, "RuntimeService");
  const ImageClient = makeGenericClientConstructor(ImageServiceDefinition, "ImageService");
  const rt = new RuntimeClient(`unix://${socket}`, credentials.createInsecure(), opts);
  const img = new ImageClient(`unix://${socket}`, credentials.createInsecure(), opts);
  const call = <R>(client: Client, method: string, req: unknown, timeoutMs: number) =>
    new Promise<R>((resolve, reject) => {
      const fn = (client as unknown as Record<string, Unary>)[method];
      if (!fn) throw new Error(`no method ${method}`);
      fn.call(client, req, new Metadata(), { deadline: Date.now() + timeoutMs }, (err, res) =>
        err ? reject(err) : resolve(res as R),
      );
    });
  return {
    runtime: (method, req, timeoutMs = 30_000) => call(rt, method, req, timeoutMs),
    image: (method, req, timeoutMs = 120_000) => call(img, method, req, timeoutMs),
    runtimeStream(method, req) {
      const fn = (rt as unknown as Record<string, (req: unknown) => ClientReadableStream<never>>)[method];
      if (!fn) throw new Error(`no method ${method}`);
      return fn.call(rt, req);
    },
    close() {
      rt.close();
      img.close();
    },
  };
}

/** The gRPC status code of a rejected call, for assertions. */
export async function codeOf(p: Promise<unknown>): Promise<number> {
  try {
    await p;
  } catch (err) {
    return (err as ServiceError).code;
  }
  return 0;
}
