"""Django's Redis cache backend, reusing one redis-py client per connection pool.

Django builds a new `redis.Redis` for every cache call, and each one copies redis-py's
table of response callbacks: about a third of a millisecond per API request, which makes
two or three cache calls (throttling, the session). The connection pools are Django's own.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusingRedisCacheClient(RedisCacheClient):
    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)  # a random replica for reads
        clients = self.__dict__.setdefault("_clients", {})
        if index not in clients:
            if index not in self._pools:
                self._pools[index] = self._pool_class.from_url(
                    self._servers[index], **self._pool_options
                )
            clients[index] = self._client(connection_pool=self._pools[index])
        return clients[index]


class ReusingRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
