/**
 * Token bucket in one atomic Redis script, so processes that share a Redis
 * share each bucket exactly. KEYS[1] is the bucket's hash, and ARGV contains
 * the capacity and the refill per second. The clock is Redis `TIME`, so the
 * processes' own clocks may differ. The key expires once the bucket would be
 * full again, because a missing key reads as a full bucket. Returns
 * `{ allowed (0 or 1), tokens left as a string }`: Lua numbers in replies
 * are cut to integers, and the filter needs the fraction.
 */
export const TAKE_TOKEN_SCRIPT = `
local capacity = tonumber(ARGV[1])
local refill = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then
  tokens = capacity
else
  tokens = math.min(capacity, tokens + math.max(0, now - at) * refill / 1000)
end
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
local untilFull = math.ceil((capacity - tokens) * 1000 / refill)
redis.call('PEXPIRE', KEYS[1], untilFull + 1000)
return { allowed, tostring(tokens) }
`;
