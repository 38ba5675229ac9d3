// Tested copy of docs/server.md's block id=server-tracing.
// instrumentation.ts, loaded first: print every span (your exporter in place of ConsoleSpanExporter)
import { trace } from '@opentelemetry/api';
import { BasicTracerProvider, ConsoleSpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(new ConsoleSpanExporter())] }));
