using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Switchboard.Grains.Secrets;

/// <summary>
/// The key ring of the in-memory mode: held by the process, shared by every silo in it (the embedded node, or a
/// test's in-process cluster), gone with it like everything else that mode keeps.
/// </summary>
public sealed class ProcessKeyRing : IXmlRepository
{
    public static readonly ProcessKeyRing Instance = new();

    private readonly List<XElement> _keys = [];

    private ProcessKeyRing()
    {
    }

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        lock (_keys)
        {
            return [.. _keys.Select(k => new XElement(k))];
        }
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        lock (_keys)
        {
            _keys.Add(new XElement(element));
        }
    }
}
