namespace Switchboard.Edge.Hosting;

/// <summary>Registers the SIP edge; the co-hosted silo and the standalone edge both call this.</summary>
public static class EdgeServiceCollectionExtensions
{
    public static IServiceCollection AddSwitchboardEdge(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }
}
