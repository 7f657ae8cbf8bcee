using BenchmarkDotNet.Running;
using Switchboard.Billing.Benchmarks;

BenchmarkSwitcher.FromAssembly(typeof(RateDeckBenchmarks).Assembly).Run(args);
