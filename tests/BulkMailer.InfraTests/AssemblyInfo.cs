// One jsii node process serves the whole test assembly and its .NET client is not meant for concurrent calls;
// the synths are few and shared through fixtures, so running the classes one after another costs little.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
