namespace Switchboard.Silo.Demo;

/// <summary>A small retail deck so the demo account's calls are rated like a real customer's.</summary>
internal static class DemoRates
{
    public const string Csv = """
        prefix,description,price_per_minute,connect_fee,increments,minimum_seconds,effective_from,effective_to
        1,On-net and North America,0.0100,0,1/1,0,,
        44,United Kingdom,0.0200,0,1/1,0,,
        447,United Kingdom mobile,0.0800,0.0100,30/6,0,,
        49,Germany,0.0200,0,60/60,0,,
        """;
}
