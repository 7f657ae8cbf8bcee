using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(RateDeckBenchmarks).Assembly).Run(args);
